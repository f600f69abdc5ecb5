package app.glimpse.photos.boundary;

import app.glimpse.platform.boundary.Caller;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * An event's photos in capture order, one page at a time from {@link Photos}, for the photo grid of
 * the studio's event page ({@code studio/event.xhtml}, {@code EventPage}); the guest gallery loads
 * its pages itself as the guest scrolls ({@link GalleryPage#loadMore}). Serializable with its view:
 * the boundary reference is an EJB proxy.
 */
public class PhotoPages extends LazyDataModel<PhotoPage.Item> {

  private static final long serialVersionUID = 1L;

  private final Photos photos;
  private final Caller caller;
  private final long eventId;
  private final Long setId;

  /** The event's photos, of set {@code setId} only if it is not null. */
  public PhotoPages(Photos photos, Caller caller, long eventId, Long setId) {
    this.photos = photos;
    this.caller = caller;
    this.eventId = eventId;
    this.setId = setId;
  }

  @Override
  public int count(Map<String, FilterMeta> filters) {
    return Math.toIntExact(photos.page(caller, eventId, setId, 0, 1).total());
  }

  @Override
  public List<PhotoPage.Item> load(
      int first, int pageSize, Map<String, SortMeta> sorts, Map<String, FilterMeta> filters) {
    int size = Math.max(1, Math.min(pageSize, Photos.MAX_PAGE_SIZE));
    PhotoPage page = photos.page(caller, eventId, setId, first / size, size);
    setRowCount(Math.toIntExact(page.total()));
    return page.items();
  }

  @Override
  public String getRowKey(PhotoPage.Item item) {
    return Long.toString(item.id());
  }

  @Override
  public PhotoPage.Item getRowData(String rowKey) {
    return null;
  }
}
