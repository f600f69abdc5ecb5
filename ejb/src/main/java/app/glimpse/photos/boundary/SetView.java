package app.glimpse.photos.boundary;

import java.io.Serializable;

/**
 * A set as the API and the pages show it: {@code photos} is how many of its photos the caller sees
 * (a guest: those not hidden).
 */
public record SetView(long id, String name, long photos) implements Serializable {}
