package dev.ajar.model;

/**
 * The package a program belongs to, as the package manager of its own root records it.
 *
 * @param manager dpkg, rpm, pacman, apk, pkgtools
 * @param version the full version as the manager prints it (epoch and release included)
 */
public record PackageRef(String manager, String name, String version) {}
