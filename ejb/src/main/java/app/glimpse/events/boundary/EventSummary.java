package app.glimpse.events.boundary;

import java.io.Serializable;

/**
 * An event in the portal's list: the event, the faces found in its photos, the people they were
 * grouped into, the photo shown as its cover (the first in capture order, null while there is none)
 * and the status of its latest import (the name of imports' {@code ImportStatus}, null before the
 * first).
 */
public record EventSummary(
    EventView event, long faces, long people, Long coverPhotoId, String latestImport)
    implements Serializable {}
