/** Sanitised HTML in a sandboxed frame: no scripts, no access to the app. */
import { useState } from 'react';
import { frameHeight, messageDocument } from './ticket-format.ts';

export function HtmlBody({ html, title }: { html: string; title: string }) {
  const [height, setHeight] = useState(120);
  return (
    <iframe
      title={title}
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      srcDoc={messageDocument(html)}
      style={{ width: '100%', border: 0, height, marginTop: 8 }}
      onLoad={(event) => {
        const body = event.currentTarget.contentDocument?.body;
        if (body) setHeight(frameHeight(body.scrollHeight));
      }}
    />
  );
}
