package app.glimpse.events.boundary;

import app.glimpse.imports.entity.ImportStatus;
import java.io.Serializable;

/**
 * An event in the portal's list: the event, the photo shown as its cover (the first in capture
 * order, null while there is none) and the status of its latest import (null before the first).
 */
public record EventSummary(EventView event, Long coverPhotoId, ImportStatus latestImport)
    implements Serializable {}
