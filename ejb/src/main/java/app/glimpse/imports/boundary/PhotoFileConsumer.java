package app.glimpse.imports.boundary;

import app.glimpse.imports.control.ImportQueue;
import app.glimpse.imports.control.JmsImportQueue;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.photos.control.PreviewsFullException;
import app.glimpse.platform.control.DatabaseOutage;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes files from the import queue on every node and hands each to {@link PhotoIndexing}. Three at
 * a time per node ({@code maxSession} 3: the resource adapter opens three sessions, each delivering
 * one file at a time to its own instance of this bean). Each file runs the face engine on its own
 * thread ({@code GLIMPSE_FACES_THREADS} 1), so on two cores two files keep both cores on the engine
 * while the third is read, written and committed. Measured when the engine was 1.5 times slower
 * than now (100 generated photos: 6.4 photos/s with two sessions, 7.1 with three or four); not
 * measured again since. The import rate of today's engine is in docs/operations.md ("Capacity of
 * one node"); the three sessions also set the consumers {@code ClusterIT}, {@code
 * DatabaseRestartIT} and {@code BrokerRestartIT} count on the broker.
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
 *
 * <p>A file that fails on its own, in a way nothing below foresaw (a value the database refuses, a
 * bug in a decoder), is delivered again up to {@code glimpse.import.delivery-attempts} times (the
 * broker's {@code JMSXDeliveryCount}); on that last delivery its failure is recorded as the file's
 * reason ({@link PhotoIndexing#fail}) and the message acknowledged, so the import completes instead
 * of waiting for ever for a file that went to the dead letters. Set the attempts at most to the
 * broker's {@code max-delivery-attempts} (five on the embedded broker). While the database or the
 * broker does not answer, nothing is recorded: the file is delivered again.
 *
 * <p>A file whose previews find no room on the previews' disk ({@link PreviewsFullException}: full,
 * over its quota, or refusing a file that large) is recorded as failed at once with that reason,
 * nothing of it stored: the disk would be as full on the next delivery. Recorded as a file that
 * could not be read, it is indexed by the next import of its folder, once there is room.
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

  /** How often the broker has delivered a message, counting this delivery (from 1). */
  private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

  @EJB PhotoIndexing indexing;

  @Inject DatabaseOutage database;

  @Inject ImportQueue queue;

  /** Deliveries of a failing file before its failure is recorded (at most the broker's). */
  @Inject
  @ConfigProperty(name = "glimpse.import.delivery-attempts", defaultValue = "5")
  int attempts;

  @Override
  public void onMessage(Message message) {
    long importId;
    SourceFile file;
    int delivery;
    try {
      MapMessage map = (MapMessage) message;
      importId = map.getLong("importId");
      file = JmsImportQueue.file(map);
      delivery = map.propertyExists(DELIVERY_COUNT) ? map.getIntProperty(DELIVERY_COUNT) : 1;
      if (map.getJMSRedelivered()) {
        // after a failed attempt here, or one on a node that died
        LOG.log(
            Level.INFO,
            "Import {0}: file {1} delivered again (delivery {2})",
            new Object[] {importId, file.id(), delivery});
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable import message", e);
    }
    while (true) {
      try {
        indexing.index(importId, file);
        return;
      } catch (PreviewsFullException full) {
        // delivered again at once, the file would find the disk as full, after each run of the
        // face engine; its reason asks to import the folder again once there is room
        indexing.fail(importId, file, full.getMessage());
        return;
      } catch (RuntimeException | Error e) {
        if (database.answers()) {
          if (delivery < attempts || !queue.answers()) {
            throw e; // a failure of this file: the broker delivers it again
          }
          LOG.log(
              Level.WARNING,
              "Import " + importId + ": file " + file.id() + " failed " + delivery + " times",
              e);
          indexing.fail(importId, file, reason(e, delivery));
          return;
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

  /**
   * Why a file failed, for the photographer: what the innermost cause said (the database's own
   * words, say), and how often it was tried.
   */
  static String reason(Throwable failure, int deliveries) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String said = cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return "Glimpse could not index this file (tried "
        + deliveries
        + " times): "
        + cause.getClass().getSimpleName()
        + said;
  }
}
