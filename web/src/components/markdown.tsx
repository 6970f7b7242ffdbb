import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * A comment's markdown, rendered safely: react-markdown builds React elements (never raw HTML;
 * embedded HTML is dropped) and its URL transform refuses `javascript:` and other unsafe links.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        components={{ a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" /> }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
