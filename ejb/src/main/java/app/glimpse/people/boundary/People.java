package app.glimpse.people.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.people.control.PeopleClustering;
import app.glimpse.people.entity.Person;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.photos.entity.Face;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The people of an event: found by grouping its faces (brought up to date whenever they are
 * listed), shown to guests when the photographer allows it, corrected by the photographer.
 */
@Stateless
public class People {

  @PersistenceContext EntityManager em;
  @EJB Events events;
  @Inject PeopleClustering clustering;

  /**
   * The event's people, those in most photos first. Staff see hidden people too; guests only when
   * the photographer shows people to guests, and never the hidden ones.
   */
  public List<PersonView> list(@NotNull Caller caller, long eventId) {
    Event event = visible(caller, eventId);
    if (event.getFaceSeq() > event.getPeopleSeq()) {
      // only then: placing takes the event's row lock, and every gallery page a guest opens asks
      clustering.placeNew(event.getId());
    }
    boolean staff = caller.studioId() != null && caller.isStaffOf(event.getStudio().getId());
    List<Person> people =
        em.createNamedQuery(Person.FIND_BY_EVENT, Person.class)
            .setParameter("eventId", eventId)
            .getResultList();
    Map<Long, Face> covers = new HashMap<>();
    List<Long> coverIds =
        people.stream().map(Person::getCoverFaceId).filter(id -> id != null).toList();
    for (int from = 0; from < coverIds.size(); from += 1000) {
      for (Face face :
          em.createQuery("SELECT f FROM Face f WHERE f.id IN :ids", Face.class)
              .setParameter("ids", coverIds.subList(from, Math.min(coverIds.size(), from + 1000)))
              .getResultList()) {
        covers.put(face.getId(), face);
      }
    }
    List<PersonView> views = new ArrayList<>();
    for (Person person : people) {
      if (person.isHidden() && !staff) {
        continue;
      }
      views.add(view(person, covers.get(person.getCoverFaceId())));
    }
    return views;
  }

  /** The indexed photos of an event that a person appears in (JPQL FROM and WHERE). */
  private static final String PHOTOS_OF =
      "FROM Photo p WHERE p.event.id = :eventId AND p.status ="
          + " app.glimpse.photos.entity.PhotoStatus.INDEXED AND EXISTS (SELECT f FROM Face f"
          + " WHERE f.photo = p AND f.personId = :personId)";

  /** Page {@code page} of the photos a person appears in, in capture order. */
  public PhotoPage photos(@NotNull Caller caller, long eventId, long personId, int page, int size) {
    Event event = visiblePerson(caller, eventId, personId);
    return Photos.page(
        em,
        page,
        size,
        PHOTOS_OF + Photos.guestFilter(caller, event),
        Map.of("eventId", eventId, "personId", personId));
  }

  /**
   * Up to {@code size} of the photos a person appears in after {@code after} in capture order, not
   * counted (see {@link Photos#after}).
   */
  public List<PhotoPage.Item> photosAfter(
      @NotNull Caller caller, long eventId, long personId, PhotoPage.Cursor after, int size) {
    Event event = visiblePerson(caller, eventId, personId);
    return Photos.after(
        em,
        after,
        size,
        PHOTOS_OF + Photos.guestFilter(caller, event),
        Map.of("eventId", eventId, "personId", personId));
  }

  private Event visiblePerson(Caller caller, long eventId, long personId) {
    Event event = visible(caller, eventId);
    Person person = person(event, personId);
    if (person.isHidden() && !caller.isStaffOf(event.getStudio().getId())) {
      throw ClientError.notFound("person");
    }
    return event;
  }

  /** Names (or, with null, un-names) a person and hides or shows them. */
  public PersonView update(
      @NotNull Caller caller, long eventId, long personId, String name, Boolean hidden) {
    Event event = events.staffEvent(caller, eventId);
    Person person = person(event, personId);
    try {
      if (name != null) {
        person.rename(name.isBlank() ? null : name);
      }
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("invalid_name", e.getMessage());
    }
    if (hidden != null) {
      person.hide(hidden);
    }
    return view(
        person,
        person.getCoverFaceId() == null ? null : em.find(Face.class, person.getCoverFaceId()));
  }

  /**
   * Merges the people {@code others} into {@code personId}: all their faces and the target's are
   * pinned to it.
   */
  public PersonView merge(
      @NotNull Caller caller, long eventId, long personId, @NotNull List<Long> others) {
    Event event = events.staffEvent(caller, eventId);
    Person target = person(event, personId);
    // the photographer says all these faces are one person: the target's own faces included
    em.createQuery("UPDATE Face f SET f.personPinned = true WHERE f.personId = :target")
        .setParameter("target", target.getId())
        .executeUpdate();
    for (Long other : others) {
      if (other == personId) {
        continue;
      }
      Person merged = person(event, other);
      em.createQuery(
              "UPDATE Face f SET f.personId = :target, f.personPinned = true"
                  + " WHERE f.personId = :merged")
          .setParameter("target", target.getId())
          .setParameter("merged", merged.getId())
          .executeUpdate();
      if (target.getName() == null && merged.getName() != null) {
        target.rename(merged.getName());
      }
      merged.rename(null);
    }
    clustering.summarise(eventId);
    return refreshed(target);
  }

  /**
   * Moves faces to a person (splitting them off another), or to a new person when {@code personId}
   * is null; the faces are pinned there.
   */
  public PersonView move(
      @NotNull Caller caller, long eventId, Long personId, @NotNull List<Long> faceIds) {
    Event event = events.staffEvent(caller, eventId);
    if (faceIds.isEmpty()) {
      throw ClientError.badRequest("invalid_faces", "Name at least one face to move.");
    }
    Person target;
    if (personId == null) {
      target = new Person(eventId);
      em.persist(target);
      em.flush();
    } else {
      target = person(event, personId);
    }
    List<Face> faces =
        em.createQuery("SELECT f FROM Face f WHERE f.id IN :ids AND f.eventId = :e", Face.class)
            .setParameter("ids", faceIds)
            .setParameter("e", eventId)
            .getResultList();
    if (faces.size() != Set.copyOf(faceIds).size()) {
      throw ClientError.notFound("face");
    }
    for (Face face : faces) {
      face.pinTo(target.getId());
    }
    clustering.summarise(eventId);
    return refreshed(target);
  }

  /** Groups the event's faces again from scratch; the photographer's corrections stay. */
  public List<PersonView> regroup(@NotNull Caller caller, long eventId) {
    events.staffEvent(caller, eventId);
    clustering.regroup(eventId);
    return list(caller, eventId);
  }

  /**
   * Deletes every face, embedding and person of the event and switches face search off; the photos
   * and their previews stay, so the gallery goes on without faces. Counts of past imports stay as
   * they were.
   */
  public void deleteFaceData(@NotNull Caller caller, long eventId) {
    events.staffEvent(caller, eventId);
    Event event = em.find(Event.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    em.createQuery("DELETE FROM Face f WHERE f.eventId = :e")
        .setParameter("e", eventId)
        .executeUpdate();
    em.createQuery("DELETE FROM Person p WHERE p.eventId = :e")
        .setParameter("e", eventId)
        .executeUpdate();
    em.createQuery("UPDATE Photo p SET p.faceCount = 0 WHERE p.event.id = :e")
        .setParameter("e", eventId)
        .executeUpdate();
    event.switchFaceSearch(false);
    event.showPeopleToGuests(false);
    event.peopleClusteredUpTo(event.getFaceSeq());
  }

  private PersonView refreshed(Person person) {
    em.flush();
    em.refresh(person);
    return view(
        person,
        person.getCoverFaceId() == null ? null : em.find(Face.class, person.getCoverFaceId()));
  }

  private Event visible(Caller caller, long eventId) {
    Event event = events.visibleEvent(caller, eventId);
    if (!event.isPeopleVisible() && !caller.isStaffOf(event.getStudio().getId())) {
      throw new ClientError(
          403, "people_hidden", "The photographer has not opened this gallery's people view.");
    }
    return event;
  }

  private Person person(Event event, long personId) {
    Person person = em.find(Person.class, personId);
    if (person == null || person.getEventId() != event.getId()) {
      throw ClientError.notFound("person");
    }
    return person;
  }

  private static PersonView view(Person person, Face cover) {
    PersonView.Cover shown = null;
    if (cover != null) {
      float[] box = cover.getBox();
      shown =
          new PersonView.Cover(
              cover.getId(),
              cover.getPhoto().getId(),
              box[0],
              box[1],
              box[2],
              box[3],
              cover.getPhoto().getWidth(),
              cover.getPhoto().getHeight());
    }
    return new PersonView(
        person.getId(),
        person.getName(),
        person.getFaceCount(),
        person.getPhotoCount(),
        person.isHidden(),
        shown);
  }
}
