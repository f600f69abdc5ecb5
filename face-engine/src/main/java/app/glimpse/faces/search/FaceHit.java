package app.glimpse.faces.search;

/** One face of an event and its cosine similarity to a query. */
public record FaceHit(long faceId, long photoId, float score) {}
