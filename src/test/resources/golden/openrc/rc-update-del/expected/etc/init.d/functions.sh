# Not an openrc-run script: a shell library that must not be taken for a service.
/usr/sbin/vsftpd --version
