package app.glimpse.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergedRankingTest {

  @Test
  void scoresEachPhotoByItsBestMatchOverTheQueries() {
    List<PhotoMatch> first =
        List.of(
            new PhotoMatch(1, 11, 0.9f), new PhotoMatch(2, 21, 0.6f), new PhotoMatch(3, 31, 0.5f));
    List<PhotoMatch> second =
        List.of(
            new PhotoMatch(2, 22, 0.8f), new PhotoMatch(4, 41, 0.7f), new PhotoMatch(1, 12, 0.4f));

    assertEquals(
        List.of(
            new PhotoMatch(1, 11, 0.9f),
            new PhotoMatch(2, 22, 0.8f),
            new PhotoMatch(4, 41, 0.7f),
            new PhotoMatch(3, 31, 0.5f)),
        MergedRanking.of(List.of(first, second), 10));
  }

  @Test
  void keepsTheFirstQuerysFaceOnATieAndOrdersTiesByPhoto() {
    List<PhotoMatch> first = List.of(new PhotoMatch(5, 51, 0.7f), new PhotoMatch(9, 91, 0.6f));
    List<PhotoMatch> second = List.of(new PhotoMatch(5, 52, 0.7f), new PhotoMatch(3, 31, 0.6f));

    assertEquals(
        List.of(
            new PhotoMatch(5, 51, 0.7f), new PhotoMatch(3, 31, 0.6f), new PhotoMatch(9, 91, 0.6f)),
        MergedRanking.of(List.of(first, second), 10));
  }

  @Test
  void theTopOfEachRankingIsEnoughForTheTopOfTheMerge() {
    Random random = new Random(7);
    List<List<PhotoMatch>> whole = new ArrayList<>();
    List<List<PhotoMatch>> tops = new ArrayList<>();
    int limit = 25;
    for (int query = 0; query < 3; query++) {
      List<PhotoMatch> ranking = new ArrayList<>();
      for (long photo = 0; photo < 400; photo++) {
        if (random.nextInt(3) > 0) {
          ranking.add(new PhotoMatch(photo, photo * 10 + query, random.nextInt(1000) / 1000f));
        }
      }
      ranking.sort(
          Comparator.comparingDouble(PhotoMatch::score)
              .reversed()
              .thenComparingLong(PhotoMatch::photoId));
      whole.add(ranking);
      tops.add(ranking.subList(0, limit));
    }

    List<PhotoMatch> merged = MergedRanking.of(tops, limit);
    assertEquals(MergedRanking.of(whole, limit), merged);
    assertEquals(limit, merged.size());
  }

  @Test
  void oneRankingStaysAsItIsAndNoneIsEmpty() {
    List<PhotoMatch> only = List.of(new PhotoMatch(2, 20, 0.8f), new PhotoMatch(1, 10, 0.5f));
    assertEquals(only, MergedRanking.of(List.of(only), 5));
    assertEquals(List.of(new PhotoMatch(2, 20, 0.8f)), MergedRanking.of(List.of(only), 1));
    assertEquals(List.of(), MergedRanking.of(List.of(), 5));
    assertThrows(IllegalArgumentException.class, () -> MergedRanking.of(List.of(only), 0));
  }
}
