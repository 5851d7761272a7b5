package org.caretaker.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes client key pairs in the OpenSSH formats users really have ({@code openssh-key-v1} private keys,
 * {@code authorized_keys} lines), so tests need no {@code ssh-keygen} on the machine.
 */
public final class OpenSshKeys {
    /** The private key file path and the matching authorized_keys line. */
    public record Written(Path privateKey, String authorizedKeysLine) {
    }

    private OpenSshKeys() {
    }

    public static Written ed25519(Path file) throws IOException, GeneralSecurityException {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x509 = kp.getPublic().getEncoded();
        byte[] pub = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
        byte[] blob = concat(str("ssh-ed25519"), str(pub));
        byte[] priv = concat(str("ssh-ed25519"), str(pub), str(concat(seed, pub)));
        return write(file, "ssh-ed25519", blob, priv);
    }

    public static Written rsa(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) kp.getPrivate();
        byte[] blob = concat(str("ssh-rsa"), mpint(pub.getPublicExponent()), mpint(pub.getModulus()));
        byte[] priv = concat(str("ssh-rsa"), mpint(k.getModulus()), mpint(k.getPublicExponent()), mpint(k.getPrivateExponent()),
                mpint(k.getCrtCoefficient()), mpint(k.getPrimeP()), mpint(k.getPrimeQ()));
        return write(file, "ssh-rsa", blob, priv);
    }

    private static Written write(Path file, String type, byte[] publicBlob, byte[] privateFields) throws IOException {
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        byte[] check = u32(0x5eed1234);
        section.write(check);
        section.write(check);
        section.write(privateFields);
        section.write(str("caretaker-test"));
        for (int pad = 1; section.size() % 8 != 0; pad++) {
            section.write(pad);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
        all.write(str("none"));
        all.write(str("none"));
        all.write(str(new byte[0]));
        all.write(u32(1));
        all.write(str(publicBlob));
        all.write(str(section.toByteArray()));
        String b64 = Base64.getMimeEncoder(70, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(all.toByteArray());
        Files.writeString(file, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + b64 + "\n-----END OPENSSH PRIVATE KEY-----\n");
        return new Written(file, type + " " + Base64.getEncoder().encodeToString(publicBlob) + " caretaker-test");
    }

    private static byte[] str(String s) {
        return str(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] str(byte[] b) {
        return concat(u32(b.length), b);
    }

    private static byte[] mpint(BigInteger n) {
        return str(n.toByteArray());
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
