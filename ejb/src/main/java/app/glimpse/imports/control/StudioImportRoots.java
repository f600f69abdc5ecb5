package app.glimpse.imports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which server folders each studio's imports may read. {@code GLIMPSE_IMPORT_ROOTS} belongs to the
 * installation's first studio (the one its first start made); any studio, the first one included,
 * may be given roots of its own with {@code GLIMPSE_STUDIO_<id>_IMPORT_ROOTS}, which replace the
 * shared ones for it. A studio added later and given none may import no server folder at all, so
 * that no studio reads another's folders (security review, finding 11). An installation whose
 * studios are all one business's may share the roots with every studio ({@code
 * GLIMPSE_IMPORT_ROOTS_SHARED=true}).
 */
@ApplicationScoped
public class StudioImportRoots {

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "glimpse.import.roots")
  Optional<String> shared;

  @Inject
  @ConfigProperty(name = "glimpse.import.roots-shared", defaultValue = "false")
  boolean everyStudio;

  private Function<String, Optional<String>> settings =
      name -> ConfigProvider.getConfig().getOptionalValue(name, String.class);

  private LongSupplier firstStudio = this::firstStudioInTheDatabase;

  private volatile Long first;

  public StudioImportRoots() {}

  /**
   * Roots as the settings {@code settings} (by their MicroProfile Config names) give them, for an
   * installation whose first studio is {@code firstStudio} (for tests).
   */
  public StudioImportRoots(long firstStudio, Map<String, String> settings) {
    this.shared = Optional.ofNullable(settings.get("glimpse.import.roots"));
    this.everyStudio = Boolean.parseBoolean(settings.get("glimpse.import.roots-shared"));
    this.settings = name -> Optional.ofNullable(settings.get(name));
    this.firstStudio = () -> firstStudio;
  }

  /** The roots of the studio {@code studioId} (null: a studio not stored yet, in tests). */
  public ImportRoots of(Long studioId) {
    if (studioId == null) {
      return ImportRoots.parse(shared);
    }
    String own = "GLIMPSE_STUDIO_" + studioId + "_IMPORT_ROOTS";
    Optional<String> roots = settings.apply("glimpse.studio." + studioId + ".import-roots");
    if (roots.isPresent()) {
      return ImportRoots.parse(roots, own);
    }
    return everyStudio || studioId == firstStudio.getAsLong()
        ? ImportRoots.parse(shared)
        : ImportRoots.parse(Optional.empty(), own);
  }

  private long firstStudioInTheDatabase() {
    Long known = first;
    if (known == null) {
      Object id = em.createNativeQuery("SELECT min(id) FROM studio").getSingleResult();
      known = id == null ? -1 : ((Number) id).longValue();
      if (id != null) {
        first = known; // the first studio stays the first
      }
    }
    return known;
  }
}
