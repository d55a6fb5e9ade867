import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** A screen that scrolls as a whole; its blocks keep their natural height instead of being squeezed to fit. */
export function Page({ children, gap = 'md' }: { children: ReactNode; gap?: string }) {
  return (
    <div style={{ height: '100%', overflowY: 'auto' }}>
      <Stack p="md" gap={gap}>
        {children}
      </Stack>
    </div>
  );
}
