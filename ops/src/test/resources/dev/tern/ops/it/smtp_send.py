# Sends one message file through SMTP (Python's smtplib). usage: smtp_send.py HOST PORT FROM TO FILE
import smtplib
import sys

host, port, sender, rcpt, path = sys.argv[1:6]
s = smtplib.SMTP(host, int(port), timeout=30)
s.sendmail(sender, [rcpt], open(path, 'rb').read())
s.quit()
print('sent', path)
