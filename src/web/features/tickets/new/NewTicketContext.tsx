import { createContext, type ReactNode, use, useState } from 'react';
import { NewTicketModal } from './NewTicketModal';

type NewTicket = { open: () => void };

const NewTicketContext = createContext<NewTicket | null>(null);

/** One "new ticket" dialog for the staff frame: the queue's button, the palette and `c` all open it. */
export function NewTicketProvider({ children }: { children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <NewTicketContext value={{ open: () => setOpened(true) }}>
      {children}
      <NewTicketModal opened={opened} onClose={() => setOpened(false)} />
    </NewTicketContext>
  );
}

export function useNewTicket(): NewTicket {
  const context = use(NewTicketContext);
  if (!context) throw new Error('useNewTicket() used outside NewTicketProvider');
  return context;
}
