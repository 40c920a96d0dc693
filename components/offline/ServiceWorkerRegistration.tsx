'use client';
import { useEffect, useState } from 'react';
import { useStrings } from '../LangProvider';
import { registerServiceWorker } from './registerServiceWorker';
import styles from './offline.module.css';

/**
 * Mounted once in each root layout: registers the service worker in production exports (offline
 * copies, cross-origin isolation) and shows a small notice with a Reload button when a new
 * deploy is ready. Renders nothing otherwise.
 */
export function ServiceWorkerRegistration() {
  const t = useStrings().offline;
  const [apply, setApply] = useState<(() => void) | null>(null);
  useEffect(() => registerServiceWorker(process.env.NODE_ENV === 'production', (fn) => setApply(() => fn)), []);
  if (!apply) return null;
  return (
    <div className={styles.update} role="status" data-testid="sw-update">
      <span>{t.updateReady}</span>{' '}
      <button type="button" onClick={apply}>{t.reload}</button>
    </div>
  );
}
