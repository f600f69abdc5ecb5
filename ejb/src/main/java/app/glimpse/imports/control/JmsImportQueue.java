package app.glimpse.imports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;

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

  @Override
  public void send(long importId, String fileId) {
    Queue queue = context.createQueue(QUEUE);
    MapMessage message = context.createMapMessage();
    try {
      message.setLong("importId", importId);
      message.setString("fileId", fileId);
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException(e);
    }
    context.createProducer().send(queue, message);
  }
}
