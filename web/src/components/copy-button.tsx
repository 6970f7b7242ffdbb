import { useState } from 'react';

export function CopyButton({ text, label = 'Copy', className = 'small' }: { text: string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={`copy ${className}`}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        });
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

export function CodeSnippet({ code, language }: { code: string; language?: string }) {
  return (
    <div className="snippet">
      {/* Focusable, so a keyboard can scroll a snippet wider than the page. */}
      <pre tabIndex={0} aria-label={language ? `${language} code` : 'Code'}>
        <code data-language={language}>{code}</code>
      </pre>
      <CopyButton text={code} />
    </div>
  );
}

/** A value that is shown only now (a secret or new token), with a copy button. */
export function SecretValue({ value, label }: { value: string; label: string }) {
  return (
    <div className="secret">
      <code aria-label={label} tabIndex={0}>
        {value}
      </code>
      <CopyButton text={value} />
    </div>
  );
}
