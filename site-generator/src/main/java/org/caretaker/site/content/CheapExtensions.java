package org.caretaker.site.content;

import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.admonition.internal.AdmonitionBlockParser;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.autolink.internal.AutolinkNodePostProcessor;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.block.BlockParserFactory;
import com.vladsch.flexmark.parser.block.BlockStart;
import com.vladsch.flexmark.parser.block.CustomBlockParserFactory;
import com.vladsch.flexmark.parser.block.NodePostProcessor;
import com.vladsch.flexmark.parser.block.NodePostProcessorFactory;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.NodeTracker;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import com.vladsch.flexmark.util.sequence.mappers.SpecialLeadInHandler;
import java.util.Set;

/**
 * flexmark's admonition and autolink parsers, called only where they can match. On a runbook corpus they
 * were half of all parsing time: the admonition parser compiles a regular expression for every line it is
 * shown, and the autolink post-processor runs a link scanner over every text node. A line that does not
 * start with {@code !!!} or {@code ???} cannot open an admonition, and a text without {@code ://},
 * {@code www.} or {@code @} holds no link, so the output is the same as with the stock extensions.
 */
final class CheapExtensions {
    private CheapExtensions() {
    }

    /** Admonitions ({@code !!! warning "Title"}), tried only on lines that start like one. */
    static Parser.ParserExtension admonitions() {
        return new Parser.ParserExtension() {
            @Override
            public void parserOptions(MutableDataHolder options) {
                AdmonitionExtension.create().parserOptions(options);
            }

            @Override
            public void extend(Parser.Builder builder) {
                builder.customBlockParserFactory(new GuardedAdmonitions());
            }
        };
    }

    /** Bare URLs and e-mail addresses become links, scanned for only in text that can hold one. */
    static Parser.ParserExtension autolinks() {
        return new Parser.ParserExtension() {
            @Override
            public void parserOptions(MutableDataHolder options) {
                AutolinkExtension.create().parserOptions(options);
            }

            @Override
            public void extend(Parser.Builder builder) {
                builder.postProcessorFactory(new GuardedAutolinks());
            }
        };
    }

    private static final class GuardedAdmonitions implements CustomBlockParserFactory {
        private final AdmonitionBlockParser.Factory stock = new AdmonitionBlockParser.Factory();

        @Override
        public BlockParserFactory apply(DataHolder options) {
            BlockParserFactory inner = stock.apply(options);
            return (state, matched) -> {
                BasedSequence line = state.getLine();
                int i = state.getNextNonSpaceIndex();
                if (i + 3 <= line.length()) {
                    char c = line.charAt(i);
                    if ((c == '!' || c == '?') && line.charAt(i + 1) == c && line.charAt(i + 2) == c) {
                        return inner.tryStart(state, matched);
                    }
                }
                return BlockStart.none();
            };
        }

        @Override
        public Set<Class<?>> getAfterDependents() {
            return stock.getAfterDependents();
        }

        @Override
        public Set<Class<?>> getBeforeDependents() {
            return stock.getBeforeDependents();
        }

        @Override
        public SpecialLeadInHandler getLeadInHandler(DataHolder options) {
            return stock.getLeadInHandler(options);
        }

        @Override
        public boolean affectsGlobalScope() {
            return stock.affectsGlobalScope();
        }
    }

    private static final class GuardedAutolinks extends NodePostProcessorFactory {
        GuardedAutolinks() {
            super(false);
            addNodes(Text.class);
        }

        @Override
        public NodePostProcessor apply(Document document) {
            return new NodePostProcessor() {
                private AutolinkNodePostProcessor stock;

                @Override
                public void process(NodeTracker state, Node node) {
                    String text = node.getChars().toString();
                    if (text.contains("://") || text.contains("www.") || text.indexOf('@') >= 0) {
                        if (stock == null) {
                            stock = new AutolinkNodePostProcessor(document);
                        }
                        stock.process(state, node);
                    }
                }
            };
        }
    }
}
