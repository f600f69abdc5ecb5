package app.glimpse.faces;

/**
 * One facial landmark in pixels of the orientation-corrected, full-resolution photo.
 *
 * <p>Faces carry five, in ArcFace order: the eye on the image's left, the eye on the image's right,
 * nose tip, left and right mouth corner.
 */
public record Landmark(float x, float y) {}
