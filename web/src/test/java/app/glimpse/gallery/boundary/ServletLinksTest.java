package app.glimpse.gallery.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.glimpse.events.boundary.EventCard;
import app.glimpse.events.boundary.GalleryQrCode;
import app.glimpse.favourites.boundary.FavouritesExports;
import app.glimpse.imports.boundary.StudioUploads;
import app.glimpse.photos.boundary.PreviewImages;
import org.junit.jupiter.api.Test;

/** The links the pages take from the servlets are the paths the pages used to write out. */
class ServletLinksTest {

  @Test
  void eachServletLinksToItsOwnPath() {
    assertEquals("/ctx/studio/uploads/7", StudioUploads.link("/ctx", 7));
    assertEquals("/ctx/studio/qr/7.png?v=anna-ben", GalleryQrCode.link("/ctx", 7, "anna-ben"));
    assertEquals("/ctx/studio/events/7/card", EventCard.link("/ctx", 7));
    assertEquals("/ctx/find/7", SelfieSearches.link("/ctx", 7));
    assertEquals("/ctx/download/7/your-photos.zip", Downloads.zipLink("/ctx", 7));
    assertEquals("/ctx/download/7/42", Downloads.originalLink("/ctx", 7, 42));
    assertEquals("/ctx/media/7/42/thumb", PreviewImages.thumbnailLink("/ctx", 7, 42));
    assertEquals("/media/7/42/preview", PreviewImages.previewLink("", 7, 42));
    assertEquals("/ctx/studio/favourites/7.csv", FavouritesExports.csvLink("/ctx", 7));
    assertEquals("/ctx/studio/favourites/7.txt", FavouritesExports.fileNamesLink("/ctx", 7));
  }
}
