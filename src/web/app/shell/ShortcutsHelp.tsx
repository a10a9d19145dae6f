import { Group, Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { t } from '../../i18n/t';
import { keyLabel, SHORTCUT_SCOPES, SHORTCUTS, type Shortcut } from '../shortcuts';

function Keys({ shortcut }: { shortcut: Shortcut }) {
  return (
    <Group gap={6} wrap="nowrap">
      {shortcut.sequences.map((sequence, alternative) => (
        <Fragment key={sequence.join(' ')}>
          {alternative > 0 && (
            <Text span size="xs" c="dimmed">
              {t('shortcuts.or')}
            </Text>
          )}
          {sequence.map((key, index) => (
            <Fragment key={key}>
              {index > 0 && (
                <Text span size="xs" c="dimmed">
                  {t('shortcuts.then')}
                </Text>
              )}
              <Kbd size="sm">{keyLabel(key)}</Kbd>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </Group>
  );
}

/** Every shortcut of the catalogue (app/shortcuts.ts), by where it works. Opened with `?`. */
export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="lg" centered>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {t('shortcuts.hint')}
        </Text>
        {SHORTCUT_SCOPES.map((scope) => (
          <section key={scope} aria-labelledby={`shortcuts-${scope}`}>
            <Title order={3} size="h5" mb={4} id={`shortcuts-${scope}`}>
              {t(`shortcuts.scope.${scope}`)}
            </Title>
            <Table verticalSpacing={6} highlightOnHover={false} aria-labelledby={`shortcuts-${scope}`}>
              <Table.Tbody>
                {SHORTCUTS.filter((shortcut) => shortcut.scope === scope).map((shortcut) => (
                  <Table.Tr key={shortcut.id}>
                    <Table.Td w="45%">
                      <Keys shortcut={shortcut} />
                    </Table.Td>
                    <Table.Td>{t(shortcut.label)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
      </Stack>
    </Modal>
  );
}
