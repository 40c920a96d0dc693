'use client';
import { useLocationSearch } from '../useLocationSearch';
import styles from './Embed.module.css';

/**
 * The embedded cell's way back to its chapter, keeping the cell's state: the query (which the cell
 * rewrites as its controls change, without an event) is read again when the link is followed.
 * Inside an iframe the chapter opens in a new tab rather than inside the slide or course page.
 */
export function EmbedBackLink({ href, cellId, label }: { href: string; cellId: string; label: string }) {
  const search = useLocationSearch();
  const hash = `#cell-${cellId}`;
  return (
    <p className={styles.back}>
      <a
        href={`${href}${search}${hash}`}
        data-testid="embed-back"
        onClick={(e) => {
          e.currentTarget.href = `${href}${window.location.search}${hash}`;
          if (window.self !== window.top) e.currentTarget.target = '_blank';
        }}
      >
        {label}
      </a>
    </p>
  );
}
