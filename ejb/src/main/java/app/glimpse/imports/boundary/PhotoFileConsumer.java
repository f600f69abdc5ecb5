package app.glimpse.imports.boundary;

import app.glimpse.imports.control.JmsImportQueue;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.platform.DatabaseOutage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes files from the import queue on every node and hands each to {@link PhotoIndexing}. Three at
 * a time per node: on two cores, two files keep the face engine busy while the third is read,
 * written and committed (100 photos: 6.4 photos/s with two, 7.1 with three or four).
 *
 * <p>Several nodes share one queue. A consumer takes a file only when it is free ({@code
 * consumerWindowSize} 0: no files buffered in a node while another idles), so a node holds at most
 * its three files in work. If a node dies, the broker rolls back its open transactions and hands
 * those files to the other nodes: at once when the node's connection closes (a killed process), or
 * after {@code connectionTTL} when its host vanishes without closing it (the consumer pings every
 * {@code clientFailureCheckPeriod}).
 *
 * <p>A file is taken outside any transaction and acknowledged once {@link PhotoIndexing} has
 * committed its own; if indexing fails, the broker delivers the file again. A node that dies
 * between that commit and the acknowledgement leaves a file that is delivered again and found
 * stored, never a message in doubt: with the broker and the database in one two-phase transaction,
 * a node killed between the broker's prepare and its commit left the file's message prepared at the
 * broker, with nothing to recover it (Payara Micro keeps its transaction log in a temporary
 * directory). Skipping the two-phase commit also saves two forced journal writes per photo.
 *
 * <p>While the database does not answer, a file is not handed back: the consumer keeps it and asks
 * the database again every {@link DatabaseOutage#PROBE_SECONDS} seconds, however long the outage
 * lasts, then indexes it. The broker's delivery attempts (and its dead-letter queue) are left for
 * files that fail on their own; a database outage longer than those attempts took (five, about a
 * minute) used to send the files in work to the dead letters, and their import never completed.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-ra"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "destination", propertyValue = JmsImportQueue.QUEUE),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "3"),
      @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
      @ActivationConfigProperty(propertyName = "connectionTTL", propertyValue = "15000"),
      @ActivationConfigProperty(propertyName = "clientFailureCheckPeriod", propertyValue = "5000")
    })
public class PhotoFileConsumer implements MessageListener {

  private static final Logger LOG = Logger.getLogger(PhotoFileConsumer.class.getName());

  @EJB PhotoIndexing indexing;

  @Inject DatabaseOutage database;

  @Override
  public void onMessage(Message message) {
    long importId;
    SourceFile file;
    try {
      MapMessage map = (MapMessage) message;
      importId = map.getLong("importId");
      file = JmsImportQueue.file(map);
      if (map.getJMSRedelivered()) {
        // after a failed attempt here, or one on a node that died
        LOG.log(
            Level.INFO,
            "Import {0}: file {1} delivered again (delivery {2})",
            new Object[] {importId, file.id(), map.getObjectProperty("JMSXDeliveryCount")});
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable import message", e);
    }
    while (true) {
      try {
        indexing.index(importId, file);
        return;
      } catch (RuntimeException e) {
        if (database.answers()) {
          throw e; // a failure of this file: the broker delivers it again, up to its attempts
        }
        LOG.log(
            Level.WARNING,
            "Import {0}: the database does not answer; file {1} waits for the database, asking"
                + " every {2} s",
            new Object[] {importId, file.id(), DatabaseOutage.PROBE_SECONDS});
        database.await("Import " + importId + ": file " + file.id());
      }
    }
  }
}
