package app.glimpse.platform;

/** The ejb module's areas depend one way, as docs/architecture.md draws them. */
class AreaDependenciesTest extends AreaDependencies {

  @Override
  protected String module() {
    return "ejb";
  }
}
