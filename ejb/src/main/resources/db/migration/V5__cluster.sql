-- Several nodes share imports. Which node indexed (or recorded as failed) a photo: GLIMPSE_NODE_NAME of the node
-- whose consumer stored it. For operations and the cluster test; null for photos stored before this version.
ALTER TABLE photo ADD COLUMN indexed_by varchar(200);
