package app.glimpse.search.control;

/**
 * One photo a query face appears in: the photo, its face that matched best, and the cosine
 * similarity of that face to the query.
 */
public record PhotoMatch(long photoId, long faceId, float score) {}
