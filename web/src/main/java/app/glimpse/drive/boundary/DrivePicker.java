package app.glimpse.drive.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.drive.control.DriveClient;
import app.glimpse.events.boundary.EventPage;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.enterprise.event.Event;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.Serializable;
import org.primefaces.event.NodeExpandEvent;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;

/**
 * The Google Drive tab of the studio's event page: whether Drive is configured for this
 * installation, connecting the photographer's account, a folder tree loaded one level at a time as
 * it is opened, and choosing the folder to import into the event shown by {@link EventPage}: the
 * import itself is the imports area's, which observes {@link DriveFolderChosen}.
 */
@Named
@ViewScoped
public class DrivePicker implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String LOADING = "loading";

  @EJB DriveAccounts accounts;
  @Inject EventPage eventPage;
  @Inject Event<DriveFolderChosen> folderChosen;
  @Inject transient Callers callers;

  private DriveAccounts.DriveStatus status;
  private TreeNode<DriveClient.DriveFolder> root;
  private TreeNode<DriveClient.DriveFolder> chosen;
  private boolean includeSubfolders = true;

  public DriveAccounts.DriveStatus getStatus() {
    if (status == null) {
      status = accounts.status(callers.current());
    }
    return status;
  }

  /** Sends the browser to Google's consent page; Google comes back to the API's callback. */
  public void connect() throws IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String callback =
        request.getScheme()
            + "://"
            + request.getServerName()
            + ":"
            + request.getServerPort()
            + request.getContextPath()
            + "/api/v1/drive/callback";
    // Google comes back to the API's callback, which sends the browser on to this event's page
    request
        .getSession()
        .setAttribute(DriveResource.RETURN_TO, "/studio/event.xhtml?id=" + eventPage.getId());
    try {
      external.redirect(accounts.authorize(callers.current(), callback));
    } catch (ClientError refused) {
      message(FacesMessage.SEVERITY_ERROR, refused.getMessage());
    }
  }

  /** The folder tree, My Drive's folders first; deeper levels load when a folder is opened. */
  public TreeNode<DriveClient.DriveFolder> getRoot() {
    if (root == null) {
      root = new DefaultTreeNode<>(new DriveClient.DriveFolder("root", "My Drive"), null);
      TreeNode<DriveClient.DriveFolder> myDrive = new DefaultTreeNode<>(root.getData(), root);
      addChildren(myDrive);
      myDrive.setExpanded(true);
    }
    return root;
  }

  @SuppressWarnings("unchecked")
  public void expand(NodeExpandEvent event) {
    TreeNode<DriveClient.DriveFolder> node =
        (TreeNode<DriveClient.DriveFolder>) event.getTreeNode();
    if (node.getChildCount() == 1 && LOADING.equals(node.getChildren().get(0).getType())) {
      node.getChildren().clear();
      addChildren(node);
    }
  }

  /** Imports the chosen folder, or says why not. */
  public void importChosen() {
    if (chosen == null) {
      message(FacesMessage.SEVERITY_WARN, "Choose a folder first.");
      FacesContext.getCurrentInstance().validationFailed();
      return;
    }
    try {
      folderChosen.fire(
          new DriveFolderChosen(eventPage.getId(), chosen.getData().id(), includeSubfolders));
    } catch (ClientError refused) {
      message(FacesMessage.SEVERITY_ERROR, refused.getMessage());
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  private void addChildren(TreeNode<DriveClient.DriveFolder> node) {
    try {
      for (DriveClient.DriveFolder folder :
          accounts.folders(callers.current(), node.getData().id())) {
        TreeNode<DriveClient.DriveFolder> child = new DefaultTreeNode<>(folder, node);
        // a placeholder makes the folder expandable; its real children load when it is opened
        new DefaultTreeNode<>(LOADING, new DriveClient.DriveFolder("", "Loading…"), child);
      }
    } catch (ClientError refused) {
      message(FacesMessage.SEVERITY_ERROR, refused.getMessage());
    }
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public TreeNode<DriveClient.DriveFolder> getChosen() {
    return chosen;
  }

  public void setChosen(TreeNode<DriveClient.DriveFolder> chosen) {
    this.chosen = chosen;
  }

  public boolean isIncludeSubfolders() {
    return includeSubfolders;
  }

  public void setIncludeSubfolders(boolean includeSubfolders) {
    this.includeSubfolders = includeSubfolders;
  }
}
