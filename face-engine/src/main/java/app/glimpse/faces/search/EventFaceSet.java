package app.glimpse.faces.search;

import java.util.List;

/**
 * The searchable faces of one event, as {@link SelfieRanking} sees them: the product's in-memory
 * index of an event, or the evaluation's faces of its event photos. Embeddings are L2-normalised,
 * so cosine similarity is their dot product.
 */
public interface EventFaceSet {

  /** Every face whose cosine similarity to {@code query} reaches {@code threshold}, any order. */
  List<FaceHit> above(float[] query, float threshold);

  /** The embedding of a face that {@link #above} returned (as stored: it may be quantised). */
  float[] embedding(long faceId);
}
