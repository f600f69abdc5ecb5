package app.glimpse.drive.boundary;

/**
 * The photographer chose a Drive folder in the studio's {@link DrivePicker} to import into an
 * event, fired synchronously in that request. Importing is the imports area's use case ({@code
 * imports.boundary.EventImports} observes it); an observer that refuses the import throws its
 * {@code ClientError}, which the picker shows.
 *
 * @param eventId the event to import into
 * @param folderId the Drive folder's id ("root" for My Drive)
 * @param includeSubfolders whether the import descends into the folder's sub-folders
 */
public record DriveFolderChosen(long eventId, String folderId, boolean includeSubfolders) {}
