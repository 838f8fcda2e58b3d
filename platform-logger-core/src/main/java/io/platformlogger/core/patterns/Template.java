package io.platformlogger.core.patterns;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of messages found by a {@link TemplateMiner}, and the handle {@link TemplateMiner#add}
 * returns for a message: its text is the messages' common form, {@code <*>} where they differ
 * ({@code Failed password for <*> from <*> port <*> ssh2}).
 *
 * <p>A handle stays valid for good: when the miner widens the template or merges it into another,
 * {@link #text()} and {@link #count()} follow; when the miner drops it to stay within its cap,
 * they keep their last values. Readable from any thread; only the miner's writer changes it.
 */
public final class Template {
  /** Order of creation in its miner; the smaller id survives a merge, which keeps runs repeatable. */
  final long id;

  /** The template's tokens; written only by the miner under its lock. */
  final String[] tokens;

  /** The tree leaves that list this template (more than one after a merge); writer only. */
  final List<PrefixTree.Node> leaves = new ArrayList<>(1);

  /** The miner's add counter when a message last joined; writer only. */
  long lastUsed;

  /** Messages that joined, merged ones included; written under the miner's lock. */
  private volatile long count = 1;

  /** {@link #tokens} joined, refreshed by the writer after every change. */
  private volatile String text;

  /** The template this one was merged into, or null; set once. */
  private volatile Template mergedInto;

  Template(long id, String[] tokens) {
    this.id = id;
    this.tokens = tokens;
    this.text = String.join(" ", tokens);
  }

  /** The template text; {@code <*>} marks each varying part. Follows merges. */
  public String text() {
    return current().text;
  }

  /** How many messages joined this template (and those merged into it). Follows merges. */
  public long count() {
    return current().count;
  }

  @Override
  public String toString() {
    return text();
  }

  /** This template or the one it was (transitively) merged into. */
  Template current() {
    Template t = this;
    for (Template next = t.mergedInto; next != null; next = t.mergedInto) {
      t = next;
    }
    return t;
  }

  boolean isMerged() {
    return mergedInto != null;
  }

  /** Writer only: one more message joined. */
  void joined(long messages) {
    count = count + messages;
  }

  /** Writer only: {@link #tokens} changed. */
  void refreshText() {
    text = String.join(" ", tokens);
  }

  /** Writer only: from now on this handle reads {@code target}'s text and count. */
  void mergeInto(Template target) {
    target.joined(count);
    mergedInto = target;
  }
}
