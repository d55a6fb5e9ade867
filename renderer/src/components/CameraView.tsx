import { Alert, Text } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraScanner, type CameraProblem } from '../scanner/camera-scanner';

/** The mirrored webcam preview; decoded codes are handed up through onCode. */
export function CameraView({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });
  const [state, setState] = useState<'starting' | 'ready' | CameraProblem>('starting');

  useEffect(() => {
    if (!video.current) return;
    const scanner = new CameraScanner(video.current, {
      onCode: (text) => onCodeRef.current(text),
      onReady: () => setState('ready'),
      onProblem: (p) => setState(p),
    });
    void scanner.start();
    return () => scanner.stop();
  }, []);

  const problem = state === 'denied' ? t('frontDesk.cameraDenied') : state === 'missing' || state === 'failed' ? t('frontDesk.cameraMissing') : null;
  return (
    <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ flex: 1, minHeight: 0, background: '#1a1b1e', borderRadius: 12, overflow: 'hidden', position: 'relative' }}>
        <video ref={video} className="mirrored" playsInline muted data-testid="camera-preview"
          style={{ width: '100%', height: '100%', objectFit: 'contain', display: problem ? 'none' : 'block' }} />
        {problem && <Alert color="yellow" m="lg" fz="lg">{problem}</Alert>}
      </div>
      <Text size="lg" fw={600} c={state === 'ready' ? 'teal.8' : 'dimmed'} data-testid="camera-state" data-state={state}>
        <IconCamera size={20} style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
        {state === 'ready' ? t('frontDesk.cameraReady') : state === 'starting' ? t('frontDesk.cameraStarting') : ''}
      </Text>
    </div>
  );
}
