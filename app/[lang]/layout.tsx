import type { ReactNode } from 'react';
import type { Metadata, Viewport } from 'next';
import 'katex/dist/katex.min.css';
import '../globals.css';
import { LANGS, isLang } from '@/lib/chapters';
import { getStrings } from '@/messages';
import { LangProvider } from '@/components/LangProvider';
import { ThemeScript } from '@/components/ThemeScript';
import { ServiceWorkerRegistration } from '@/components/offline/ServiceWorkerRegistration';

export const dynamicParams = false;

export function generateStaticParams() {
  return LANGS.map((lang) => ({ lang }));
}

export async function generateMetadata({ params }: { params: Promise<{ lang: string }> }): Promise<Metadata> {
  const { lang } = await params;
  const t = getStrings(isLang(lang) ? lang : 'en');
  return {
    title: { default: t.siteTitle, template: `%s · ${t.siteTitle}` },
    description: t.siteTagline,
    icons: { icon: '/icon.svg' },
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function LangLayout({ children, params }: { children: ReactNode; params: Promise<{ lang: string }> }) {
  const { lang: raw } = await params;
  const lang = isLang(raw) ? raw : 'en';
  return (
    <html lang={getStrings(lang).locale} suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body>
        <LangProvider lang={lang}>{children}<ServiceWorkerRegistration /></LangProvider>
      </body>
    </html>
  );
}
