import type { MDXComponents } from 'mdx/types';
import { mdxComponents } from '@/components/mdx/registry';

// Required by @next/mdx in the App Router; the registry itself lives in components/mdx.
export function useMDXComponents(components: MDXComponents = {}): MDXComponents {
  return { ...(mdxComponents as unknown as MDXComponents), ...components };
}
