package io.platformlogger.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which lexemes of a printed tsquery every match must contain (the index may look up any of them). */
class IndexLexemeTest {
  @Test
  void everyLexemeOfTopLevelWordsAndPhrasesIsRequired() {
    assertThat(IndexLexeme.required("'connect' <-> 'refus' & 'payment'")).containsExactly("'connect'", "'refus'", "'payment'");
    assertThat(IndexLexeme.required("'a' <2> 'b'")).containsExactly("'a'", "'b'");
    assertThat(IndexLexeme.required("'payment' & 'payment'")).containsExactly("'payment'");
  }

  @Test
  void anOrAtTheTopRequiresNothing() {
    assertThat(IndexLexeme.required("'connect' & 'refus' | 'timeout'")).isEmpty();
  }

  @Test
  void negationsGroupsPrefixesAndQuotedLexemesAreLeftOut() {
    assertThat(IndexLexeme.required("'payment' & !'timeout'")).containsExactly("'payment'");
    assertThat(IndexLexeme.required("( 'a' | 'b' ) & 'c'")).containsExactly("'c'");
    assertThat(IndexLexeme.required("'pay':* & 'card'")).containsExactly("'card'");
    assertThat(IndexLexeme.required("'o''brien' & 'x'")).containsExactly("'x'");
    assertThat(IndexLexeme.required("'a' <-> !'b' & 'c'")).containsExactly("'c'");
  }
}
