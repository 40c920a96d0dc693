import type { ReactNode } from 'react';
import '../globals.css';
import { ThemeScript } from '@/components/ThemeScript';

export const metadata = { title: 'DDPM Explorable · DDPM 可交互讲解', icons: { icon: '/icon.svg' } };

export default function PickerLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body>{children}</body>
    </html>
  );
}
