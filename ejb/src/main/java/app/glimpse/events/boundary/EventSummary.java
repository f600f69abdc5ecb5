package app.glimpse.events.boundary;

import app.glimpse.imports.entity.ImportStatus;
import java.io.Serializable;

/**
 * An event in the portal's list: the event, the faces found in its photos, the people they were
 * grouped into, the photo shown as its cover (the first in capture order, null while there is none)
 * and the status of its latest import (null before the first).
 */
public record EventSummary(
    EventView event, long faces, long people, Long coverPhotoId, ImportStatus latestImport)
    implements Serializable {}
