package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.events.boundary.EventPage;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.primefaces.event.NodeExpandEvent;
import org.primefaces.event.NodeSelectEvent;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;

/**
 * The server folder tab of the studio's event page: the folders imports may read
 * (GLIMPSE_IMPORT_ROOTS) and a tree of their sub-folders, loaded one level at a time as it is
 * opened; choosing a folder fills the folder field of {@link EventImports}. The boundary lists only
 * what {@code ImportRoots} allows, and checks the folder again when the import starts.
 */
@Named
@ViewScoped
public class ServerFolderPicker implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String LOADING = "loading";

  @EJB Imports imports;
  @Inject EventPage eventPage;
  @Inject EventImports eventImports;
  @Inject transient Callers callers;

  private List<String> roots;
  private TreeNode<Folder> tree;
  private TreeNode<Folder> chosen;

  /** A folder in the tree: its path and what the tree shows of it. */
  public record Folder(String path, String label) implements Serializable {}

  public List<String> getRoots() {
    if (roots == null) {
      roots = imports.importRoots(callers.current(), eventPage.getId());
    }
    return roots;
  }

  /** The import roots, each shown with its whole path; their sub-folders load when opened. */
  public TreeNode<Folder> getTree() {
    if (tree == null) {
      tree = new DefaultTreeNode<>(new Folder("", ""), null);
      for (String root : getRoots()) {
        expandable(new DefaultTreeNode<>(new Folder(root, root), tree));
      }
    }
    return tree;
  }

  @SuppressWarnings("unchecked")
  public void expand(NodeExpandEvent event) {
    TreeNode<Folder> node = (TreeNode<Folder>) event.getTreeNode();
    if (node.getChildCount() == 1 && LOADING.equals(node.getChildren().get(0).getType())) {
      node.getChildren().clear();
      try {
        for (String folder :
            imports.serverFolders(callers.current(), eventPage.getId(), node.getData().path())) {
          expandable(
              new DefaultTreeNode<>(
                  new Folder(folder, Path.of(folder).getFileName().toString()), node));
        }
      } catch (ClientError refused) {
        FacesContext.getCurrentInstance()
            .addMessage(
                null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.getMessage(), null));
      }
    }
  }

  /** A folder chosen in the tree becomes the folder to import. */
  @SuppressWarnings("unchecked")
  public void choose(NodeSelectEvent event) {
    eventImports.setFolder(((TreeNode<Folder>) event.getTreeNode()).getData().path());
    // a field left invalid by an earlier attempt would otherwise show what was typed then
    PrimeFaces.current().resetInputs(":imports:sources:folder");
  }

  /** A placeholder child makes a folder expandable; its real children load when it is opened. */
  private static void expandable(TreeNode<Folder> folder) {
    new DefaultTreeNode<>(LOADING, new Folder("", "Loading…"), folder);
  }

  public TreeNode<Folder> getChosen() {
    return chosen;
  }

  public void setChosen(TreeNode<Folder> chosen) {
    this.chosen = chosen;
  }
}
