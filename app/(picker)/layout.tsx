import type { ReactNode } from 'react';
import '../globals.css';
import { ThemeScript } from '@/components/ThemeScript';
import { ServiceWorkerRegistration } from '@/components/offline/ServiceWorkerRegistration';
import { MESSAGES } from '@/messages';

export const metadata = { title: `${MESSAGES.en.siteTitle} · ${MESSAGES.zh.siteTitle}`, icons: { icon: '/icon.svg' } };

export default function PickerLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body>{children}<ServiceWorkerRegistration /></body>
    </html>
  );
}
