package app.glimpse.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.http.HttpResponse;

/**
 * A guest inside one gallery through the REST API, as the tests drive it: entered with the slug and
 * code (and a name and e-mail for their favourites), then hearting photos, reading their list and
 * submitting it as typed calls. Calls named for a use case check the status of success; {@link
 * #send} and the {@code *Response} calls are for tests that expect a refusal.
 */
public final class GuestClient {

  private final Api api;
  private final String token;
  private final long eventId;

  private GuestClient(Api api, String token, long eventId) {
    this.api = api;
    this.token = token;
    this.eventId = eventId;
  }

  /**
   * Enters the gallery {@code slug} with {@code code}; {@code name} and {@code email} may be null.
   */
  public static GuestClient enter(Api api, String slug, String code, String name, String email)
      throws IOException, InterruptedException {
    JsonObject session = Api.object(enterResponse(api, slug, code, name, email), 200);
    return new GuestClient(
        api, session.getString("token"), session.getJsonNumber("eventId").longValue());
  }

  /** What {@code POST /api/v1/guest/sessions} answers. */
  public static HttpResponse<String> enterResponse(
      Api api, String slug, String code, String name, String email)
      throws IOException, InterruptedException {
    JsonObjectBuilder body = Json.createObjectBuilder().add("slug", slug).add("code", code);
    if (name != null) {
      body.add("name", name);
    }
    if (email != null) {
      body.add("email", email);
    }
    return api.send("POST", "/api/v1/guest/sessions", null, body.build().toString());
  }

  public String token() {
    return token;
  }

  public long eventId() {
    return eventId;
  }

  /** A JSON call with this guest's token; {@code json} may be null. */
  public HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    return api.send(method, path, token, json);
  }

  /** {@code PUT /api/v1/events/{event}/favourites/{photo}}. */
  public HttpResponse<String> heartResponse(long event, long photo)
      throws IOException, InterruptedException {
    return send("PUT", "/api/v1/events/" + event + "/favourites/" + photo, null);
  }

  /** {@code DELETE /api/v1/events/{event}/favourites/{photo}}. */
  public HttpResponse<String> unheartResponse(long event, long photo)
      throws IOException, InterruptedException {
    return send("DELETE", "/api/v1/events/" + event + "/favourites/" + photo, null);
  }

  /** Hearts {@code photo} of this guest's event (204 expected). */
  public void heart(long photo) throws IOException, InterruptedException {
    expect(204, heartResponse(eventId, photo));
  }

  /** Takes the heart off {@code photo} (204 expected). */
  public void unheart(long photo) throws IOException, InterruptedException {
    expect(204, unheartResponse(eventId, photo));
  }

  /** {@code GET /api/v1/events/{event}/favourites}. */
  public HttpResponse<String> favouritesResponse(long event)
      throws IOException, InterruptedException {
    return send("GET", "/api/v1/events/" + event + "/favourites", null);
  }

  /** The guest's own list: {@code {"photoIds","submitted",...}}. */
  public JsonObject favourites() throws IOException, InterruptedException {
    return Api.object(favouritesResponse(eventId), 200);
  }

  /** {@code POST /api/v1/events/{event}/favourites/submit}. */
  public HttpResponse<String> submitResponse(long event) throws IOException, InterruptedException {
    return send("POST", "/api/v1/events/" + event + "/favourites/submit", null);
  }

  /** Submits the list (200 expected): the list, locked. */
  public JsonObject submit() throws IOException, InterruptedException {
    return Api.object(submitResponse(eventId), 200);
  }

  private static void expect(int status, HttpResponse<String> response) {
    org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), response.body());
  }
}
