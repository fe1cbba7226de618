import { createTransport, type Transporter } from 'nodemailer';
import type { EmailSettings } from '../config';
import type { Mail } from '../domain/notify/mails';

/** One nodemailer transport per connection's SMTP settings, made on first use. */
export class Mailer {
  private readonly transports = new Map<string, Transporter>();

  async send(connectionId: string, settings: EmailSettings, mail: Mail, headers: Record<string, string> = {}): Promise<void> {
    let transport = this.transports.get(connectionId);
    if (!transport) {
      const { smtp } = settings;
      transport = createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password?.reveal() ?? '' } } : {}),
        connectionTimeout: 20_000,
        socketTimeout: 30_000,
      });
      this.transports.set(connectionId, transport);
    }
    await transport.sendMail({ from: settings.from, to: settings.to, subject: mail.subject, text: mail.text, headers });
  }
}
