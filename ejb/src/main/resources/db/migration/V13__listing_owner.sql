-- Which node lists an import's source (issue 13): the node that runs the listing job says every few seconds that it
-- is alive (listing_seen, in the database's own clock, so that the nodes' clocks need not agree); an unfinished
-- listing that nobody has spoken for is taken over by another node, which lists the source again once the files
-- queued before are done.
ALTER TABLE photo_import ADD COLUMN listing_node varchar(200);
ALTER TABLE photo_import ADD COLUMN listing_seen timestamptz;

-- Listings unfinished at the upgrade ran on nodes that ran the code before it and are stopped now, or that will not
-- speak for them: a node of this version takes them over once they have been silent as long as any other.
UPDATE photo_import SET listing_node = 'before-upgrade', listing_seen = now()
 WHERE listed = false AND status IN ('QUEUED', 'RUNNING');
