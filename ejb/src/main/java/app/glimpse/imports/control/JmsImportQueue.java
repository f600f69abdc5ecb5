package app.glimpse.imports.control;

import app.glimpse.imports.job.SourceFile;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

/**
 * The import queue on Artemis, through the resource adapter's connection factory {@code
 * jms/glimpse}: a send joins the caller's transaction, so a file is queued if and only if the chunk
 * that listed it commits.
 */
@ApplicationScoped
public class JmsImportQueue implements ImportQueue {

  public static final String QUEUE = "glimpse.import.files";

  @Inject
  @JMSConnectionFactory("jms/glimpse")
  JMSContext context;

  @Resource(lookup = "jms/glimpse")
  ConnectionFactory factory;

  /** The file {@link #send} put into {@code message}. */
  public static SourceFile file(MapMessage message) throws jakarta.jms.JMSException {
    return new SourceFile(
        message.getString("fileId"),
        message.getString("name"),
        message.getString("version"),
        message.itemExists("size") ? message.getLong("size") : -1,
        message.getString("folder"));
  }

  @Override
  public void send(long importId, SourceFile file) {
    Queue queue = context.createQueue(QUEUE);
    MapMessage message = context.createMapMessage();
    try {
      message.setLong("importId", importId);
      message.setString("fileId", file.id());
      message.setString("name", file.name());
      if (file.version() != null) {
        message.setString("version", file.version());
      }
      message.setLong("size", file.size());
      if (file.folder() != null) {
        message.setString("folder", file.folder());
      }
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException(e);
    }
    context.createProducer().send(queue, message);
  }

  /**
   * Opens a browser on the queue, which takes a round trip to the broker: a pooled connection opens
   * even while the broker is away (it is reconnecting), a browser does not.
   */
  @Override
  public boolean answers() {
    try (JMSContext probe = factory.createContext();
        QueueBrowser browser = probe.createBrowser(probe.createQueue(QUEUE))) {
      browser.getEnumeration();
      return true;
    } catch (JMSException | RuntimeException e) {
      return false;
    }
  }
}
