package app.glimpse.platform.entity;

import java.util.Locale;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.sessions.Session;

/**
 * Maps camel-case attributes to the snake-case columns of the SQL schema ({@code createdAt} to
 * {@code created_at}), so that entities need no {@code @Column} on every field. Glimpse's entities
 * name no columns explicitly; the column is always derived from the attribute.
 */
public class SnakeCaseColumns implements SessionCustomizer {

  @Override
  public void customize(Session session) {
    for (ClassDescriptor descriptor : session.getDescriptors().values()) {
      for (DatabaseMapping mapping : descriptor.getMappings()) {
        if (mapping.isDirectToFieldMapping()) {
          DatabaseField field = mapping.getField();
          field.setName(snakeCase(mapping.getAttributeName()));
        }
      }
    }
  }

  static String snakeCase(String attribute) {
    return attribute.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
