package app.glimpse.gallery.boundary;

import app.glimpse.delivery.boundary.ImageVersions;
import app.glimpse.photos.boundary.PreviewImages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * A photo's addresses for the pages that show photos one by one (the studio's events and event
 * page, the gallery's found photos), built by the servlets that serve them ({@link PreviewImages},
 * {@link Downloads}), so that no page puts a path together. In this area because the originals'
 * servlet is, and this area may use the previews' one.
 */
@Named
@ApplicationScoped
public class PhotoLinks {

  /** For guests, the watermark's generation (see {@link ImageVersions}). */
  @Inject ImageVersions versions;

  public String thumbnail(long eventId, long photoId) {
    return PreviewImages.thumbnailLink(contextPath(), eventId, photoId) + versions.suffix(eventId);
  }

  public String preview(long eventId, long photoId) {
    return PreviewImages.previewLink(contextPath(), eventId, photoId) + versions.suffix(eventId);
  }

  public String original(long eventId, long photoId) {
    return Downloads.originalLink(contextPath(), eventId, photoId);
  }

  private static String contextPath() {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath();
  }
}
