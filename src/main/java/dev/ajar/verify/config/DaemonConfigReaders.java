package dev.ajar.verify.config;

import java.util.List;

/** Every daemon configuration reader ajar has, in the order they are asked. */
public final class DaemonConfigReaders {
  private DaemonConfigReaders() {}

  public static List<DaemonConfigReader> all() {
    return List.of(
        new SshdReader(),
        new EximReader(),
        new PostfixReader(),
        new SendmailReader(),
        new NamedReader(),
        new VsftpdReader(),
        new ProftpdReader(),
        new CupsdReader(),
        new SnmpdReader(),
        new RpcbindConfigReader(),
        new NfsdConfigReader(),
        new MountdConfigReader(),
        new StatdConfigReader(),
        new SmbdConfigReader(),
        new NmbdConfigReader(),
        new AvahiConfigReader(),
        new NginxConfigReader(),
        new ApacheConfigReader(),
        new MariadbConfigReader(),
        new PostgresqlConfigReader(),
        new RedisConfigReader());
  }
}
