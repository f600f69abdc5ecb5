package app.glimpse.favourites.boundary;

/** An event's proofing settings: the most photos a guest may heart (null: no limit). */
public record ProofingView(Integer selectionLimit) {}
