package app.glimpse.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class OriginalsBudgetTest {

  private static final long MB = 1_000_000;

  /** Three consumers with large files: never more than the budget at once. */
  @Test
  void filesWaitUntilTheBudgetHoldsThem() throws Exception {
    OriginalsBudget budget = new OriginalsBudget(400 * MB, 512 * MB);
    OriginalsBudget.Hold first = budget.hold(200 * MB);
    OriginalsBudget.Hold second = budget.hold(150 * MB);
    CompletableFuture<OriginalsBudget.Hold> third =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return budget.hold(190 * MB);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      third.get(300, TimeUnit.MILLISECONDS);
      throw new AssertionError("the third file was read beside two others past the budget");
    } catch (TimeoutException expected) {
      // waits
    }
    second.close();
    assertTrue(third.get(5, TimeUnit.SECONDS) != null, "read once the second file was done");
    assertTrue(budget.free() < 11 * MB, "the first and third hold all but 10 MB of it");
    first.close();
    third.get().close();
    assertEquals(budget.bytes(), budget.free());
  }

  @Test
  void aFileLargerThanTheBudgetIsReadAlone() throws Exception {
    OriginalsBudget budget = new OriginalsBudget(128 * MB, 512 * MB);
    OriginalsBudget.Hold large = budget.hold(180 * MB);
    assertEquals(0, budget.free(), "it takes the whole budget");
    large.close();
    large.close(); // given back once
    assertEquals(budget.bytes(), budget.free());
  }

  @Test
  void aFileLargerThanHalfTheHeapIsNotRead() {
    OriginalsBudget budget = new OriginalsBudget(128 * MB, 512 * MB);
    assertNull(budget.refusal(200 * MB), "the default largest file fits the default heap");
    String refusal = budget.refusal(300 * MB);
    assertTrue(refusal.contains("300 MB") && refusal.contains("256 MB"), refusal);
    assertFalse(refusal.contains("Exception"), refusal);
  }

  @Test
  void unknownSizesTakeTheLeastShare() throws Exception {
    OriginalsBudget budget = new OriginalsBudget(1 * MB, 512 * MB);
    try (OriginalsBudget.Hold unknown = budget.hold(-1)) {
      assertTrue(budget.free() >= budget.bytes() - 1024, "one unit");
    }
  }
}
