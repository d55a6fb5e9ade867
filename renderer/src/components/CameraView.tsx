import { Alert, Group, Select, Text } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CameraScanner, type CameraProblem } from '../scanner/camera-scanner';

const CAMERA_KEY = 'einlass.camera';

/** The mirrored webcam preview with a choice of camera (remembered); decoded codes are handed up through onCode. */
export function CameraView({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });
  const [state, setState] = useState<'starting' | 'ready' | CameraProblem>('starting');
  const [deviceId, setDeviceId] = useState<string | null>(() => localStorage.getItem(CAMERA_KEY));
  const [cameras, setCameras] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    if (!video.current) return;
    const scanner = new CameraScanner(
      video.current,
      {
        onCode: (text) => onCodeRef.current(text),
        onReady: () => {
          setState('ready');
          // Labels are only readable once the camera permission is granted, i.e. now.
          void navigator.mediaDevices.enumerateDevices().then((devices) =>
            setCameras(
              devices
                .filter((d) => d.kind === 'videoinput')
                .map((d, i) => ({ value: d.deviceId, label: d.label || t('frontDesk.cameraN', { n: i + 1 }) })),
            ),
          );
        },
        onProblem: (p) => {
          // A remembered camera that is gone: fall back to the default one.
          if (p === 'missing' && deviceId) {
            localStorage.removeItem(CAMERA_KEY);
            setDeviceId(null);
          } else setState(p);
        },
      },
      deviceId,
    );
    void scanner.start();
    return () => scanner.stop();
  }, [deviceId, t]);

  const problem = state === 'denied' ? t('frontDesk.cameraDenied') : state === 'missing' || state === 'failed' ? t('frontDesk.cameraMissing') : null;
  return (
    <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ flex: 1, minHeight: 0, background: '#1a1b1e', borderRadius: 12, overflow: 'hidden', position: 'relative' }}>
        <video ref={video} className="mirrored" playsInline muted data-testid="camera-preview"
          style={{ width: '100%', height: '100%', objectFit: 'contain', display: problem ? 'none' : 'block' }} />
        {problem && <Alert color="yellow" m="lg" fz="lg">{problem}</Alert>}
      </div>
      <Group justify="space-between" wrap="nowrap">
        <Text size="lg" fw={600} c={state === 'ready' ? 'teal.8' : 'dimmed'} data-testid="camera-state" data-state={state}>
          <IconCamera size={20} style={{ verticalAlign: 'text-bottom', marginRight: 6 }} />
          {state === 'ready' ? t('frontDesk.cameraReady') : state === 'starting' ? t('frontDesk.cameraStarting') : ''}
        </Text>
        {cameras.length > 1 && (
          <Select size="sm" w={260} aria-label={t('frontDesk.camera')} data={cameras} allowDeselect={false}
            value={deviceId && cameras.some((c) => c.value === deviceId) ? deviceId : (cameras[0]?.value ?? null)}
            onChange={(v) => {
              if (!v) return;
              localStorage.setItem(CAMERA_KEY, v);
              setState('starting');
              setDeviceId(v);
            }} />
        )}
      </Group>
    </div>
  );
}
