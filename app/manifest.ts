import type { MetadataRoute } from 'next';
import { MESSAGES } from '@/messages';

export const dynamic = 'force-static';

/** The web app manifest (/manifest.webmanifest): with the service worker it makes the site installable. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: `${MESSAGES.en.siteTitle} · ${MESSAGES.zh.siteTitle}`,
    short_name: MESSAGES.en.siteTitle,
    description: MESSAGES.en.siteTagline,
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#fcfcfa',
    theme_color: '#2456c7',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
}
