package app.glimpse.events.boundary;

/**
 * A guest entering an event through the API gave their name (and maybe an e-mail) with the code,
 * fired in the transaction that lets them in. The areas that keep something for named guests (their
 * favourites) learn of it here, since the events area knows nothing of them.
 *
 * @param eventId the event entered
 * @param guest the subject of the guest's token, the same for the whole session
 * @param identity the name and e-mail, already checked
 */
public record GuestNamed(long eventId, String guest, GuestIdentity identity) {}
