package app.glimpse.gallery.boundary;

import app.glimpse.people.boundary.PersonView;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.SetView;
import jakarta.enterprise.context.RequestScoped;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one request of the gallery loaded to render: the photos of the page it shows and the hours
 * and people of its filters. It ends with the request, so the view ({@link GalleryPage}) keeps only
 * where the guest is, never a copy of what was already sent to the browser.
 */
@RequestScoped
public class GalleryRequest {

  private List<PhotoPage.Item> items;
  private List<PhotoPage.Item> appended = List.of();
  private List<GalleryPage.TimeSlot> slots;
  private List<PersonView> persons;
  private List<SetView> sets;
  private List<GalleryTile> tiles;
  private List<GalleryTile> appendedTiles;

  /** The grid's first page, or null if this request has not loaded it. */
  public List<PhotoPage.Item> items() {
    return items;
  }

  /** The page "More photos" loaded in this request; none otherwise. */
  public List<PhotoPage.Item> appended() {
    return appended;
  }

  /** This request loaded the grid's first page. */
  public void firstPage(List<PhotoPage.Item> page) {
    items = page;
    appended = List.of();
    tiles = null;
    appendedTiles = null;
  }

  /** This request loaded the page after what the grid shows. */
  public void nextPage(List<PhotoPage.Item> page) {
    appended = page;
    appendedTiles = null;
  }

  /** The first page's tiles, made at most once per request after it was loaded. */
  public List<GalleryTile> tiles(Supplier<List<GalleryTile>> make) {
    if (tiles == null) {
      tiles = make.get();
    }
    return tiles;
  }

  /** The appended page's tiles, made at most once per request after it was loaded. */
  public List<GalleryTile> appendedTiles(Supplier<List<GalleryTile>> make) {
    if (appendedTiles == null) {
      appendedTiles = make.get();
    }
    return appendedTiles;
  }

  /** The hours photos were taken in, asked for at most once per request. */
  public List<GalleryPage.TimeSlot> slots(Supplier<List<GalleryPage.TimeSlot>> load) {
    if (slots == null) {
      slots = load.get();
    }
    return slots;
  }

  /** The people guests may tap, asked for at most once per request. */
  public List<PersonView> persons(Supplier<List<PersonView>> load) {
    if (persons == null) {
      persons = load.get();
    }
    return persons;
  }

  /** The sets guests browse by, read once per request. */
  public List<SetView> sets(Supplier<List<SetView>> load) {
    if (sets == null) {
      sets = load.get();
    }
    return sets;
  }
}
