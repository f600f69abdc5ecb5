package app.glimpse.platform;

/** The web module's areas depend one way, as docs/architecture.md draws them. */
class WebAreaDependenciesTest extends AreaDependencies {

  @Override
  protected String module() {
    return "web";
  }
}
